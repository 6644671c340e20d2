mod "fixture" {
}

query "threat_count" {
  sql = "select 1"
}

dashboard "d" {
  card {
    query = query.threat_cuont
  }
}

benchmark "b" {
  children = [control.nope, query.threat_count]
}

mod "fixture" {
}

query "threat_count" {
  sql = "select 1"
}

dashboard "d" {
  card {
    query = query.threat_cuont
  }

  card {
    query = query["threat_count"]
  }
}

benchmark "b" {
  children = [control.nope, query.threat_count]
}

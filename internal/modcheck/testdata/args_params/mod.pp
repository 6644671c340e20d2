mod "fixture" {
}

query "q" {
  sql = "select $1, $2"

  param "ip" {
  }
  param "limit" {
    default = 10
  }
}

query "unused" {
  sql = "select $2"

  param "a" {
    default = 1
  }
}

control "no_args" {
  query = query.q
}

control "wrong_name" {
  query = query.q
  args = {
    ipp = "10.0.0.1"
  }
}

control "too_many" {
  query = query.q
  args  = ["10.0.0.1", 5, 6]
}

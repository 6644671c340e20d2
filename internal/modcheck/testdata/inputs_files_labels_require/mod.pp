mod "fixture" {
  documentation = file("./docs/missing.md")

  require {
    plugin "local/fortianalyzer" {
    }
  }
}

dashboard "d" {
  input "ip" {
    sql = "select 1 as value"
  }

  card {
    sql  = "select $1"
    args = [self.input.ipp.value]
    param "x" {
    }
  }

  card "named" {
    sql = "select 1"
  }
}

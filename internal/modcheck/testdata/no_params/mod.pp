mod "fixture" {
}

dashboard "d" {
  input "i" {
    sql = "select 1 as value"
  }

  table {
    query = query.by_position
    args  = [self.input.i.value]
  }

  table {
    query = query.by_position
    args = {
      x = self.input.i.value
    }
  }

  table {
    query = query.by_position
  }

  table {
    query = query.by_position
    args  = [1, 2]
  }
}

query "by_position" {
  sql = "select '${dashboard.d.url_path}' as link, $1 as x"
}

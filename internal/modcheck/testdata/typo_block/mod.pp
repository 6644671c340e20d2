mod "fixture" {
}

dashboard "d" {
  chart {
    sql = "select 'a', 1"
    serie "count" {
      color = "ok"
    }
  }
}

mod "fixture" {
}

dashboard "d" {
  card {
    sql   = "select 1"
    widht = 6
  }
}

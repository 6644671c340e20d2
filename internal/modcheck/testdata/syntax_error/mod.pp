mod "fixture" {
}

query "q" {
  sql = "select 1"

dashboard "d" {
}

mod "fixture" {
  title = "Fixture"
  require {
    plugin "local/fortianalyzer" {
      min_version = "0.1.0"
    }
  }
}

locals {
  tags = { plugin = "fortianalyzer" }
}

dashboard "detail" {
  title = "Detail"
  tags  = local.tags

  input "ip" {
    query = query.ips
    width = 4
  }

  container {
    card {
      query = query.hits
      width = 3
      args = {
        ip = self.input.ip.value
      }
    }

    table {
      sql = "select 1 as n"
      column "n" {
        href = "${dashboard.detail.url_path}?input.ip={{.'n' | @uri}}"
      }
    }
  }
}

query "ips" {
  sql = "select '10.0.0.1' as label, '10.0.0.1' as value, '${dashboard.detail.url_path}' as link"
}

query "hits" {
  sql = <<-EOQ
    select count(*) as value from fortianalyzer_log where srcip = $1 and message <> '$2' -- $3
  EOQ

  param "ip" {
    description = "Endpoint."
  }
}

query "over" {
  sql = "select $1::int as threshold, $2 as name, $3 as flag"

  param "threshold" {
    default = 5
  }
  param "name" {
    default = "it's"
  }
  param "flag" {
    default = true
  }
}

control "over" {
  title    = "Over"
  severity = "low"
  query    = query.over
  args = {
    threshold = 7
  }
}

control "inline" {
  sql = "select 'r' as resource, 'ok' as status, 'fine' as reason"
}

benchmark "all" {
  title    = "All"
  children = [control.over, control.inline]
}

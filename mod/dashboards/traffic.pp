dashboard "traffic" {
  title = "FortiAnalyzer Traffic"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Dashboard"
  })

  text {
    value = "FortiView rankings of the last 24 hours in the connection's default ADOM: each chart is one FortiView task."
  }

  container {
    card {
      query = query.traffic_source_count
      width = 3
    }

    card {
      query = query.traffic_total_sessions
      width = 3
    }

    card {
      query = query.traffic_total_bytes
      width = 3
    }

    card {
      query = query.traffic_country_count
      width = 3
    }
  }

  container {
    chart {
      title = "Top 10 Sources by Bytes"
      query = query.traffic_top_sources
      type  = "bar"
      width = 6
    }

    chart {
      title = "Top 10 Destinations by Bytes"
      query = query.traffic_top_destinations
      type  = "bar"
      width = 6
    }
  }

  container {
    chart {
      title = "Destination Countries by Bytes"
      query = query.traffic_top_countries
      type  = "pie"
      width = 4
    }

    chart {
      title    = "Application Groups by Bytes and Risk"
      query    = query.traffic_top_applications
      type     = "bar"
      grouping = "stack"
      width    = 8
    }
  }

  container {
    table {
      title = "Web Categories"
      query = query.traffic_top_websites
      width = 12
    }
  }
}

query "traffic_source_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Sources' as label
    from
      fortianalyzer_top_source;
  EOQ
}

query "traffic_total_sessions" {
  sql = <<-EOQ
    select
      coalesce(sum(sessions), 0) as value,
      'Sessions' as label
    from
      fortianalyzer_top_source;
  EOQ
}

query "traffic_total_bytes" {
  sql = <<-EOQ
    select
      pg_size_pretty(coalesce(sum(bytes), 0)::bigint) as value,
      'Traffic' as label
    from
      fortianalyzer_top_source;
  EOQ
}

query "traffic_country_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Destination Countries' as label
    from
      fortianalyzer_top_country;
  EOQ
}

query "traffic_top_sources" {
  sql = <<-EOQ
    select
      coalesce(hostname, host(srcip)) as source,
      bytes
    from
      fortianalyzer_top_source
    order by
      bytes desc
    limit 10;
  EOQ
}

query "traffic_top_destinations" {
  sql = <<-EOQ
    select
      coalesce(hostname, host(dstip)) as destination,
      bytes
    from
      fortianalyzer_top_destination
    order by
      bytes desc
    limit 10;
  EOQ
}

query "traffic_top_countries" {
  sql = <<-EOQ
    select
      country,
      bytes
    from
      fortianalyzer_top_country
    order by
      bytes desc;
  EOQ
}

query "traffic_top_applications" {
  sql = <<-EOQ
    select
      app_group,
      coalesce(risk, 'unknown') as risk,
      bytes
    from
      fortianalyzer_top_application
    order by
      bytes desc
    limit 15;
  EOQ
}

query "traffic_top_websites" {
  sql = <<-EOQ
    select
      category as "Category",
      sessions as "Sessions",
      session_block as "Blocked Sessions",
      round(100.0 * session_block / nullif(sessions, 0), 1) as "Blocked %",
      pg_size_pretty(bytes) as "Traffic"
    from
      fortianalyzer_top_website
    order by
      sessions desc;
  EOQ
}

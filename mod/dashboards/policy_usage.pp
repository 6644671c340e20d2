dashboard "policy_usage" {
  title = "FortiAnalyzer Policy Usage"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Dashboard"
  })

  text {
    value = "FortiView Policy Hits of the last 24 hours in the connection's default ADOM. A policy that matched nothing in the window does not appear in the view: the least-hit table shows the coldest policies that did match."
  }

  container {
    card {
      query = query.policy_count
      width = 4
    }

    card {
      query = query.policy_total_hits
      width = 4
    }

    card {
      query = query.policy_device_count
      width = 4
    }
  }

  container {
    chart {
      title = "Top 10 Policies by Hits"
      query = query.policy_most_hit
      type  = "bar"
      width = 6
    }

    chart {
      title    = "Hits per Device and Policy"
      query    = query.policy_hits_by_device
      type     = "column"
      grouping = "stack"
      width    = 6
    }
  }

  container {
    table {
      title = "Least Hit Policies"
      query = query.policy_least_hit
      width = 12
    }
  }
}

query "policy_count" {
  sql = <<-EOQ
    select
      count(distinct (device_name, policy_id)) as value,
      'Policies with Hits' as label
    from
      fortianalyzer_policy_hit;
  EOQ
}

query "policy_total_hits" {
  sql = <<-EOQ
    select
      coalesce(sum(hits), 0) as value,
      'Hits' as label
    from
      fortianalyzer_policy_hit;
  EOQ
}

query "policy_device_count" {
  sql = <<-EOQ
    select
      count(distinct device_name) as value,
      'Devices' as label
    from
      fortianalyzer_policy_hit;
  EOQ
}

query "policy_most_hit" {
  sql = <<-EOQ
    select
      device_name || ' #' || policy_id || coalesce(' ' || policy_name, '') as policy,
      sum(hits) as hits
    from
      fortianalyzer_policy_hit
    group by
      device_name, policy_id, policy_name
    order by
      hits desc
    limit 10;
  EOQ
}

query "policy_hits_by_device" {
  sql = <<-EOQ
    select
      device_name,
      coalesce(policy_name, '#' || policy_id) as policy,
      sum(hits) as hits
    from
      fortianalyzer_policy_hit
    group by
      device_name, policy_id, policy_name
    order by
      device_name, policy;
  EOQ
}

query "policy_least_hit" {
  sql = <<-EOQ
    select
      device_name as "Device",
      policy_id as "Policy ID",
      policy_name as "Policy",
      sum(hits) as "Hits",
      sum(hits_block) as "Blocked",
      max(last_hit) as "Last Hit",
      pg_size_pretty(sum(bytes)::bigint) as "Traffic"
    from
      fortianalyzer_policy_hit
    group by
      device_name, policy_id, policy_name
    order by
      sum(hits), device_name, policy_id
    limit 10;
  EOQ
}

dashboard "threat_overview" {
  title = "FortiAnalyzer Threat Overview"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Dashboard"
  })

  text {
    value = "Threats of the last 24 hours (the connection's `default_time_range`) in the connection's default ADOM, from FortiView Top Threats; the ADOM chart covers every ADOM (one task each)."
  }

  container {
    card {
      query = query.threat_count
      width = 3
    }

    card {
      query = query.threat_critical_count
      width = 3
    }

    card {
      query = query.threat_unblocked_count
      width = 3
    }

    card {
      query = query.threat_detected_total
      width = 3
    }
  }

  container {
    chart {
      title = "Threats by Severity"
      query = query.threat_by_severity
      type  = "donut"
      width = 4

      series "threats" {
        point "critical" {
          color = "alert"
        }
        point "high" {
          color = "#ff8c00"
        }
        point "medium" {
          color = "#f5c400"
        }
        point "low" {
          color = "ok"
        }
        point "info" {
          color = "#7f8c8d"
        }
      }
    }

    chart {
      title    = "Threats across ADOMs"
      query    = query.threat_by_adom
      type     = "column"
      grouping = "stack"
      width    = 8
    }
  }

  container {
    chart {
      title = "Threat Events per Hour (attack and virus logs)"
      query = query.threat_events_per_hour
      type  = "line"
      width = 12
    }
  }

  container {
    chart {
      title = "Top 10 Threats by Threat Weight"
      query = query.threat_top10
      type  = "bar"
      width = 6
    }

    table {
      title = "Unblocked Threats"
      query = query.threat_unblocked
      width = 6
    }
  }
}

query "threat_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Threats' as label
    from
      fortianalyzer_ioc_threat;
  EOQ
}

query "threat_critical_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Critical Threats' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_ioc_threat
    where
      severity = 'critical';
  EOQ
}

query "threat_unblocked_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Never Blocked' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_ioc_threat
    where
      detected > 0
      and blocked = 0;
  EOQ
}

query "threat_detected_total" {
  sql = <<-EOQ
    select
      coalesce(sum(detected), 0) as value,
      'Incidents Detected' as label
    from
      fortianalyzer_ioc_threat;
  EOQ
}

query "threat_by_severity" {
  sql = <<-EOQ
    select
      severity,
      count(*) as threats
    from
      fortianalyzer_ioc_threat
    group by
      severity, threat_level
    order by
      threat_level desc;
  EOQ
}

# One task per ADOM: the join gives the plugin an `adom` qual per ADOM row.
query "threat_by_adom" {
  sql = <<-EOQ
    select
      t.adom,
      t.severity,
      count(*) as threats
    from
      fortianalyzer_adom as a
      join fortianalyzer_ioc_threat as t on t.adom = a.name
    group by
      t.adom, t.severity, t.threat_level
    order by
      t.adom, t.threat_level desc;
  EOQ
}

query "threat_events_per_hour" {
  sql = <<-EOQ
    select
      date_trunc('hour', log_time) as hour,
      log_type,
      count(*) as events
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type in ('attack', 'virus')
    group by
      1, 2
    order by
      1, 2;
  EOQ
}

query "threat_top10" {
  sql = <<-EOQ
    select
      threat,
      threat_weight
    from
      fortianalyzer_ioc_threat
    order by
      threat_weight desc
    limit 10;
  EOQ
}

query "threat_unblocked" {
  sql = <<-EOQ
    select
      threat as "Threat",
      threat_type as "Type",
      severity as "Severity",
      detected as "Detected",
      blocked as "Blocked",
      detected - blocked as "Passed"
    from
      fortianalyzer_ioc_threat
    where
      detected > blocked
    order by
      threat_level desc, detected - blocked desc;
  EOQ
}

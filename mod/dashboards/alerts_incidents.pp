dashboard "alerts_incidents" {
  title = "FortiAnalyzer Alerts and Incidents"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Dashboard"
  })

  text {
    value = "Event-handler alerts of the last 24 hours and incidents created in the last 7 days, in the connection's default ADOM."
  }

  container {
    card {
      query = query.alert_count
      width = 3
    }

    card {
      query = query.alert_unacknowledged_count
      width = 3
    }

    card {
      query = query.alert_unacknowledged_critical_count
      width = 3
    }

    card {
      query = query.incident_open_count
      width = 3
    }
  }

  container {
    chart {
      title = "Alerts by Severity"
      query = query.alert_by_severity
      type  = "donut"
      width = 4

      series "alerts" {
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
      }
    }

    chart {
      title    = "Alerts by Event Type and Acknowledgement"
      query    = query.alert_by_event_type
      type     = "column"
      grouping = "stack"
      width    = 4
    }

    chart {
      title    = "Incidents by Status and Severity"
      query    = query.incident_by_status
      type     = "column"
      grouping = "stack"
      width    = 4
    }
  }

  container {
    table {
      title = "Unacknowledged Alerts"
      query = query.alert_unacknowledged
      width = 6
    }

    table {
      title = "Open Incidents"
      query = query.incident_open
      width = 6
    }
  }
}

query "alert_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Alerts' as label
    from
      fortianalyzer_alert;
  EOQ
}

query "alert_unacknowledged_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Unacknowledged' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_alert
    where
      not acknowledged;
  EOQ
}

query "alert_unacknowledged_critical_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Unacknowledged Critical' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_alert
    where
      not acknowledged
      and severity_level = 4;
  EOQ
}

query "incident_open_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Open Incidents (7 days)' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_incident
    where
      start_time = now() - interval '7 days'
      and status <> 'closed';
  EOQ
}

# Alert severity is 0 (low) to 4 (critical), as the event handler set it.
query "alert_by_severity" {
  sql = <<-EOQ
    select
      case severity_level
        when 4 then 'critical'
        when 3 then 'high'
        when 2 then 'medium'
        else 'low'
      end as severity,
      count(*) as alerts
    from
      fortianalyzer_alert
    group by
      1
    order by
      min(severity_level) desc;
  EOQ
}

query "alert_by_event_type" {
  sql = <<-EOQ
    select
      event_type,
      case when acknowledged then 'acknowledged' else 'unacknowledged' end as state,
      count(*) as alerts
    from
      fortianalyzer_alert
    group by
      1, 2
    order by
      1, 2;
  EOQ
}

query "incident_by_status" {
  sql = <<-EOQ
    select
      status,
      severity,
      count(*) as incidents
    from
      fortianalyzer_incident
    where
      start_time = now() - interval '7 days'
    group by
      1, 2
    order by
      1, 2;
  EOQ
}

query "alert_unacknowledged" {
  sql = <<-EOQ
    select
      alert_time as "Time",
      severity_level as "Severity",
      subject as "Subject",
      host(endpoint_ip) as "Endpoint",
      device_name as "Device",
      trigger_name as "Handler"
    from
      fortianalyzer_alert
    where
      not acknowledged
    order by
      severity_level desc, alert_time desc;
  EOQ
}

query "incident_open" {
  sql = <<-EOQ
    select
      incident_id as "Incident",
      name as "Name",
      severity as "Severity",
      status as "Status",
      category as "Category",
      endpoint as "Endpoint",
      coalesce(nullif(assigned_to, ''), '(unassigned)') as "Assigned To",
      create_time as "Created"
    from
      fortianalyzer_incident
    where
      start_time = now() - interval '7 days'
      and status <> 'closed'
    order by
      create_time desc;
  EOQ
}

dashboard "compromised_hosts" {
  title = "FortiAnalyzer Compromised Hosts"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Dashboard"
  })

  text {
    value = "Endpoints that hit a threat in the last 24 hours in the connection's default ADOM. `sources` costs one log search per threat on FortiAnalyzer 7.4-8.0. Open an endpoint for its detail."
  }

  container {
    card {
      query = query.compromised_host_count
      width = 4
    }

    card {
      query = query.compromised_host_critical_count
      width = 4
    }

    card {
      query = query.compromised_host_alerted_count
      width = 4
    }
  }

  container {
    chart {
      title    = "Threats per Endpoint by Severity"
      query    = query.compromised_host_threats_by_severity
      type     = "bar"
      grouping = "stack"
      width    = 6
    }

    table {
      title = "Compromised Hosts"
      query = query.compromised_host_list
      width = 6

      column "Endpoint" {
        href = "${dashboard.endpoint_detail.url_path}?input.endpoint_ip={{.'Endpoint' | @uri}}"
      }
    }
  }
}

dashboard "endpoint_detail" {
  title = "FortiAnalyzer Endpoint Detail"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Detail"
  })

  input "endpoint_ip" {
    title = "Select an endpoint:"
    query = query.endpoint_input
    width = 4
  }

  container {
    card {
      query = query.endpoint_threat_count
      width = 3
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }

    card {
      query = query.endpoint_critical_threat_count
      width = 3
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }

    card {
      query = query.endpoint_sessions
      width = 3
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }

    card {
      query = query.endpoint_open_alerts
      width = 3
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }
  }

  container {
    table {
      title = "Identity"
      type  = "line"
      query = query.endpoint_identity
      width = 4
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }

    table {
      title = "Threats Hit"
      query = query.endpoint_threats
      width = 8
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }
  }

  container {
    chart {
      title = "Traffic by Destination"
      query = query.endpoint_traffic_by_destination
      type  = "bar"
      width = 6
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }

    table {
      title = "Alerts and Incidents"
      query = query.endpoint_alerts_incidents
      width = 6
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }
  }

  container {
    table {
      title = "Latest Logs (all types, newest first)"
      query = query.endpoint_logs
      width = 12
      args = {
        endpoint_ip = self.input.endpoint_ip.value
      }
    }
  }
}

query "compromised_host_count" {
  sql = <<-EOQ
    select
      count(distinct s.ip) as value,
      'Endpoints Hitting Threats' as label
    from
      fortianalyzer_ioc_threat as t,
      jsonb_array_elements_text(t.sources) as s(ip);
  EOQ
}

query "compromised_host_critical_count" {
  sql = <<-EOQ
    select
      count(distinct s.ip) as value,
      'Hitting Critical Threats' as label,
      case count(distinct s.ip) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_ioc_threat as t,
      jsonb_array_elements_text(t.sources) as s(ip)
    where
      t.severity = 'critical';
  EOQ
}

query "compromised_host_alerted_count" {
  sql = <<-EOQ
    select
      count(distinct endpoint_ip) as value,
      'Endpoints with Unacknowledged Alerts' as label,
      case count(distinct endpoint_ip) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_alert
    where
      not acknowledged
      and endpoint_ip is not null;
  EOQ
}

query "compromised_host_threats_by_severity" {
  sql = <<-EOQ
    select
      s.ip as endpoint,
      t.severity,
      count(*) as threats
    from
      fortianalyzer_ioc_threat as t,
      jsonb_array_elements_text(t.sources) as s(ip)
    group by
      s.ip, t.severity, t.threat_level
    order by
      s.ip, t.threat_level desc;
  EOQ
}

query "compromised_host_list" {
  sql = <<-EOQ
    select
      s.ip as "Endpoint",
      count(*) as "Threats",
      count(*) filter (where t.severity = 'critical') as "Critical",
      count(*) filter (where t.severity = 'high') as "High",
      max(t.threat_level) as "Worst Level",
      string_agg(t.threat, ', ' order by t.threat_level desc, t.threat) as "Threat Names"
    from
      fortianalyzer_ioc_threat as t,
      jsonb_array_elements_text(t.sources) as s(ip)
    group by
      s.ip
    order by
      "Critical" desc, "High" desc, "Threats" desc;
  EOQ
}

query "endpoint_input" {
  sql = <<-EOQ
    select distinct
      s.ip as label,
      s.ip as value
    from
      fortianalyzer_ioc_threat as t,
      jsonb_array_elements_text(t.sources) as s(ip)
    union
    select
      host(srcip) as label,
      host(srcip) as value
    from
      fortianalyzer_top_source
    order by
      label;
  EOQ
}

query "endpoint_threat_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Threats Hit' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_ioc_threat
    where
      sources ? $1;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

query "endpoint_critical_threat_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Critical Threats Hit' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_ioc_threat
    where
      severity = 'critical'
      and sources ? $1;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

# srcip is pushed into the FortiView filter: one small task for this endpoint only.
query "endpoint_sessions" {
  sql = <<-EOQ
    select
      coalesce(sum(sessions), 0) as value,
      'Sessions' as label
    from
      fortianalyzer_top_source
    where
      srcip = $1;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

query "endpoint_open_alerts" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Unacknowledged Alerts' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_alert
    where
      not acknowledged
      and endpoint_ip = $1;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

# The identity FortiAnalyzer resolved for the address: host name, user and the
# FortiGates that saw it (Top Sources), and the endpoint name of its latest alert.
query "endpoint_identity" {
  sql = <<-EOQ
    select
      host(s.srcip) as "IP",
      s.hostname as "Host Name",
      s.user_name as "User",
      s.src_interface as "Interface",
      s.fortigates as "FortiGates",
      (
        select
          a.endpoint_name
        from
          fortianalyzer_alert as a
        where
          a.endpoint_ip = $1
        order by
          a.alert_time desc
        limit 1
      ) as "Alert Endpoint Name"
    from
      fortianalyzer_top_source as s
    where
      s.srcip = $1;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

query "endpoint_threats" {
  sql = <<-EOQ
    select
      threat as "Threat",
      threat_type as "Type",
      severity as "Severity",
      detected as "Detected",
      blocked as "Blocked"
    from
      fortianalyzer_ioc_threat
    where
      sources ? $1
    order by
      threat_level desc, detected desc;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

query "endpoint_traffic_by_destination" {
  sql = <<-EOQ
    select
      coalesce(hostname, host(dstip)) as destination,
      sum(coalesce(sent_bytes, 0) + coalesce(received_bytes, 0)) as bytes
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and srcip = $1
      and log_type = 'traffic'
    group by
      1
    order by
      bytes desc
    limit 10;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

query "endpoint_alerts_incidents" {
  sql = <<-EOQ
    select
      alert_time as "Time",
      'alert' as "Kind",
      subject as "Subject",
      severity_level::text as "Severity",
      case when acknowledged then 'acknowledged' else 'open' end as "Status"
    from
      fortianalyzer_alert
    where
      endpoint_ip = $1
    union all
    select
      create_time,
      'incident',
      name,
      severity,
      status
    from
      fortianalyzer_incident
    where
      start_time = now() - interval '7 days'
      and endpoint = host($1)
    order by
      1 desc;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

query "endpoint_logs" {
  sql = <<-EOQ
    select
      log_time as "Time",
      log_type as "Type",
      device_name as "Device",
      host(dstip) as "Destination",
      dstport as "Port",
      action as "Action",
      app as "Application",
      threat as "Threat",
      message as "Message"
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and srcip = $1
      and log_type in ('traffic', 'attack', 'virus', 'webfilter', 'app-ctrl', 'dns', 'event')
    order by
      log_time desc
    limit 100;
  EOQ

  param "endpoint_ip" {
    description = "Endpoint IP address."
  }
}

dashboard "device_health" {
  title = "FortiAnalyzer Device Logging Health"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Dashboard"
  })

  input "silence_minutes" {
    title = "Silent after:"
    type  = "select"
    width = 2

    option "15" {
      label = "15 minutes"
    }
    option "60" {
      label = "1 hour"
    }
    option "240" {
      label = "4 hours"
    }
    option "1440" {
      label = "24 hours"
    }
  }

  text {
    value = "Last traffic or event log of every device of every ADOM in the last 24 hours (one log search per ADOM). A device is silent when its newest log is older than the chosen threshold, or it sent none."
  }

  container {
    card {
      query = query.device_count
      width = 3
    }

    card {
      query = query.device_silent_count
      width = 3
      args = {
        silence_minutes = self.input.silence_minutes.value
      }
    }

    card {
      query = query.device_not_connected_count
      width = 3
    }

    card {
      query = query.device_log_count
      width = 3
    }
  }

  container {
    # The rows the device_silent detection judges, with their reasons.
    table {
      title = "Devices"
      query = query.device_silent
      width = 12
      args = {
        silence_minutes = self.input.silence_minutes.value
      }
    }
  }

  container {
    chart {
      title = "Logs per Hour by Device"
      query = query.device_log_rate
      type  = "line"
      width = 12
    }
  }
}

query "device_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Devices' as label
    from
      fortianalyzer_device;
  EOQ
}

query "device_silent_count" {
  sql = <<-EOQ
    with last_log as (
      select
        l.adom,
        l.device_name,
        max(l.log_time) as last_log_time
      from
        fortianalyzer_adom as a
        join fortianalyzer_log as l on l.adom = a.name
      where
        l.log_time > now() - interval '24 hours'
        and l.log_type in ('traffic', 'event')
      group by
        l.adom, l.device_name
    )
    select
      count(*) as value,
      'Silent Devices' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_device as d
      left join last_log as ll on ll.adom = d.adom and ll.device_name = d.name
    where
      ll.last_log_time is null
      or ll.last_log_time < now() - make_interval(mins => $1::int);
  EOQ

  param "silence_minutes" {
    description = "Minutes without a log after which a device counts as silent."
    default     = 60
  }
}

query "device_not_connected_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Not Connected' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_device
    where
      connection_status is distinct from 'up';
  EOQ
}

query "device_log_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Logs (24h, traffic and event)' as label
    from
      fortianalyzer_adom as a
      join fortianalyzer_log as l on l.adom = a.name
    where
      l.log_time > now() - interval '24 hours'
      and l.log_type in ('traffic', 'event');
  EOQ
}

query "device_log_rate" {
  sql = <<-EOQ
    select
      date_trunc('hour', l.log_time) as hour,
      l.device_name,
      count(*) as logs
    from
      fortianalyzer_adom as a
      join fortianalyzer_log as l on l.adom = a.name
    where
      l.log_time > now() - interval '24 hours'
      and l.log_type in ('traffic', 'event')
    group by
      1, 2
    order by
      1, 2;
  EOQ
}

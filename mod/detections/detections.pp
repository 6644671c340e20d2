benchmark "detections" {
  title       = "FortiAnalyzer Detections"
  description = "Conditions a SOC analyst should act on, from FortiAnalyzer threats, devices, logs, alerts and incidents. Each control lists every resource it looked at, ok or alarm, with a reason."

  children = [
    control.critical_threat_not_blocked,
    control.endpoint_multiple_critical_threats,
    control.device_silent,
    control.repeated_failed_logins,
    control.alert_unacknowledged_old,
    control.incident_critical_unassigned,
  ]

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Benchmark"
  })
}

control "critical_threat_not_blocked" {
  title       = "Critical threats are blocked every time"
  description = "A critical threat (IPS signature, malware, botnet or malicious site) that the FortiGates let through at least once in the last 24 hours, per ADOM."
  severity    = "critical"
  query       = query.critical_threat_not_blocked
  tags        = local.fortianalyzer_common_tags
}

control "endpoint_multiple_critical_threats" {
  title       = "No endpoint hits several critical threats"
  description = "An endpoint that hit at least `min_threats` distinct critical threats in the last 24 hours is likely compromised."
  severity    = "high"
  query       = query.endpoint_multiple_critical_threats
  tags        = local.fortianalyzer_common_tags

  args = {
    min_threats = 2
  }
}

control "device_silent" {
  title       = "Every device keeps logging"
  description = "A device whose newest traffic or event log is older than `silence_minutes` (or which sent none in the last 24 hours) may be down, disconnected or no longer forwarding logs."
  severity    = "high"
  query       = query.device_silent
  tags        = local.fortianalyzer_common_tags
}

control "repeated_failed_logins" {
  title       = "No repeated failed logins from one source"
  description = "A user and source address with at least `max_failures` failed authentications (administrator or VPN) in the last 24 hours: a brute-force attempt or a locked-out user."
  severity    = "medium"
  query       = query.repeated_failed_logins
  tags        = local.fortianalyzer_common_tags
}

control "alert_unacknowledged_old" {
  title       = "High and critical alerts are acknowledged in time"
  description = "An alert of severity `min_severity` (3 high, 4 critical) or more, raised in the last 24 hours and still unacknowledged after `max_age_hours`."
  severity    = "high"
  query       = query.alert_unacknowledged_old
  tags        = local.fortianalyzer_common_tags
}

control "incident_critical_unassigned" {
  title       = "Open critical incidents have an owner"
  description = "A critical incident created in the last 7 days, not closed, and assigned to nobody."
  severity    = "high"
  query       = query.incident_critical_unassigned
  tags        = local.fortianalyzer_common_tags
}

query "critical_threat_not_blocked" {
  sql = <<-EOQ
    select
      t.adom || '/' || t.threat as resource,
      case when t.detected > t.blocked then 'alarm' else 'ok' end as status,
      case
        when t.detected > t.blocked then
          t.threat || ' (' || t.threat_type || ') got through ' || (t.detected - t.blocked) || ' of ' || t.detected
          || ' times in ADOM ' || t.adom || ' in the last 24 hours: block it in the IPS/AV profile and check the endpoints that hit it.'
        else
          t.threat || ' (' || t.threat_type || ') was blocked all ' || t.detected || ' times in ADOM ' || t.adom || '.'
      end as reason,
      t.adom,
      t.threat_type,
      t.detected,
      t.blocked
    from
      fortianalyzer_adom as a
      join fortianalyzer_ioc_threat as t on t.adom = a.name
    where
      t.severity = 'critical';
  EOQ
}

query "endpoint_multiple_critical_threats" {
  sql = <<-EOQ
    with hits as (
      select
        t.adom,
        s.ip,
        count(distinct t.threat) as threats,
        string_agg(distinct t.threat, ', ') as names
      from
        fortianalyzer_adom as a
        join fortianalyzer_ioc_threat as t on t.adom = a.name,
        jsonb_array_elements_text(t.sources) as s(ip)
      where
        t.severity = 'critical'
      group by
        t.adom, s.ip
    )
    select
      adom || '/' || ip as resource,
      case when threats >= $1::int then 'alarm' else 'ok' end as status,
      ip || ' hit ' || threats || ' critical threat(s) in ADOM ' || adom || ' in the last 24 hours (' || names || ')'
      || case when threats >= $1::int then ': isolate it and open the Endpoint Detail dashboard.' else '.' end as reason,
      adom,
      ip as endpoint_ip,
      threats
    from
      hits;
  EOQ

  param "min_threats" {
    description = "Distinct critical threats from which an endpoint alarms."
    default     = 2
  }
}

query "device_silent" {
  sql = <<-EOQ
    with last_log as (
      select
        l.adom,
        l.device_name,
        max(l.log_time) as last_log_time,
        count(*) as logs
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
      d.adom || '/' || d.name as resource,
      case
        when ll.last_log_time is null or ll.last_log_time < now() - make_interval(mins => $1::int) then 'alarm'
        else 'ok'
      end as status,
      case
        when ll.last_log_time is null then
          d.name || ' (' || d.serial || ') sent no traffic or event log in the last 24 hours; connection ' || coalesce(d.connection_status, 'unknown') || ': check the device and its log forwarding.'
        else
          d.name || ' (' || d.serial || ') last logged ' || floor(extract(epoch from now() - ll.last_log_time) / 60) || ' minute(s) ago'
          || case
            when ll.last_log_time < now() - make_interval(mins => $1::int) then ', past the ' || $1::int || '-minute threshold: check the device and its log forwarding.'
            else '.'
          end
      end as reason,
      d.adom,
      d.serial,
      d.platform,
      d.os_version,
      d.connection_status,
      d.last_checked,
      ll.last_log_time,
      coalesce(ll.logs, 0) as logs_24h
    from
      fortianalyzer_device as d
      left join last_log as ll on ll.adom = d.adom and ll.device_name = d.name
    order by
      ll.last_log_time nulls first, d.adom, d.name;
  EOQ

  param "silence_minutes" {
    description = "Minutes without a log after which a device alarms."
    default     = 60
  }
}

query "repeated_failed_logins" {
  sql = <<-EOQ
    with failures as (
      select
        l.adom,
        coalesce(nullif(l.user_name, ''), '(no user)') as user_name,
        host(l.srcip) as source,
        count(*) as failures,
        max(l.log_time) as last_failure
      from
        fortianalyzer_adom as a
        join fortianalyzer_log as l on l.adom = a.name
      where
        l.log_time > now() - interval '24 hours'
        and l.log_type = 'event'
        and l.subtype in ('system', 'user', 'vpn')
        and l.message in ('Authentication failed', 'Admin login failed')
      group by
        l.adom, 2, 3
    )
    select
      adom || '/' || user_name || '@' || source as resource,
      case when failures >= $1::int then 'alarm' else 'ok' end as status,
      user_name || ' failed to authenticate ' || failures || ' time(s) from ' || source || ' in ADOM ' || adom || ' in the last 24 hours'
      || case when failures >= $1::int then ', the last at ' || to_char(last_failure, 'YYYY-MM-DD HH24:MI') || ': block the source or reset the account.' else '.' end as reason,
      adom,
      user_name,
      source,
      failures
    from
      failures;
  EOQ

  param "max_failures" {
    description = "Failed authentications from one user and source from which the pair alarms."
    default     = 5
  }
}

query "alert_unacknowledged_old" {
  sql = <<-EOQ
    select
      al.adom || '/' || al.alert_id as resource,
      case
        when not al.acknowledged and al.alert_time < now() - make_interval(hours => $2::int) then 'alarm'
        else 'ok'
      end as status,
      'Alert ' || al.alert_id || ' (severity ' || al.severity_level || ', ' || al.subject || ')'
      || case
        when al.acknowledged then ' was acknowledged.'
        when al.alert_time < now() - make_interval(hours => $2::int) then
          ' has waited ' || round(extract(epoch from now() - al.alert_time) / 3600) || ' hours unacknowledged: triage it in Incidents & Events.'
        else ' is unacknowledged for ' || round(extract(epoch from now() - al.alert_time) / 60) || ' minute(s), within ' || $2::int || ' hours.'
      end as reason,
      al.adom,
      al.severity_level,
      host(al.endpoint_ip) as endpoint_ip,
      al.alert_time
    from
      fortianalyzer_adom as a
      join fortianalyzer_alert as al on al.adom = a.name
    where
      al.severity_level >= $1::int;
  EOQ

  param "min_severity" {
    description = "Lowest alert severity in scope: 3 high, 4 critical."
    default     = 3
  }

  param "max_age_hours" {
    description = "Hours an alert may stay unacknowledged."
    default     = 4
  }
}

query "incident_critical_unassigned" {
  sql = <<-EOQ
    select
      i.adom || '/' || i.incident_id as resource,
      case
        when i.status <> 'closed' and coalesce(i.assigned_to, '') = '' then 'alarm'
        else 'ok'
      end as status,
      i.incident_id || ' (' || i.name || ') is ' || i.status
      || case
        when i.status = 'closed' then '.'
        when coalesce(i.assigned_to, '') = '' then ' and assigned to nobody: assign an analyst.'
        else ' and assigned to ' || i.assigned_to || '.'
      end as reason,
      i.adom,
      i.status,
      i.endpoint,
      i.create_time
    from
      fortianalyzer_adom as a
      join fortianalyzer_incident as i on i.adom = a.name
    where
      i.start_time = now() - interval '7 days'
      and i.severity = 'critical';
  EOQ
}

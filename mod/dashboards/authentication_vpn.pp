dashboard "authentication_vpn" {
  title = "FortiAnalyzer Authentication and VPN"

  tags = merge(local.fortianalyzer_common_tags, {
    type = "Dashboard"
  })

  text {
    value = "Event logs (system, user and vpn subtypes) of the last 24 hours in the connection's default ADOM, by their FortiOS log description: failed authentications, administrator logins, SSL VPN tunnels. The repeated_failed_logins detection covers every ADOM."
  }

  container {
    card {
      query = query.auth_failed_count
      width = 3
    }

    card {
      query = query.auth_admin_login_count
      width = 3
    }

    card {
      query = query.vpn_tunnel_up_count
      width = 3
    }

    card {
      query = query.vpn_user_count
      width = 3
    }
  }

  container {
    chart {
      title = "Failed Authentications by User"
      query = query.auth_failed_by_user
      type  = "bar"
      width = 6
    }

    chart {
      title = "Authentication and VPN Events per Hour"
      query = query.auth_events_per_hour
      type  = "line"
      width = 6
    }
  }

  container {
    table {
      title = "Administrator Logins"
      query = query.auth_admin_logins
      width = 6
    }

    table {
      title = "SSL VPN Tunnels"
      query = query.vpn_tunnels
      width = 6
    }
  }
}

query "auth_failed_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Failed Authentications' as label,
      case count(*) when 0 then 'ok' else 'alert' end as type
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message in ('Authentication failed', 'Admin login failed');
  EOQ
}

query "auth_admin_login_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'Admin Logins' as label
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message = 'Admin login successful';
  EOQ
}

query "vpn_tunnel_up_count" {
  sql = <<-EOQ
    select
      count(*) as value,
      'VPN Tunnels Up' as label
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message = 'SSL VPN tunnel up';
  EOQ
}

query "vpn_user_count" {
  sql = <<-EOQ
    select
      count(distinct user_name) as value,
      'VPN Users' as label
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message = 'SSL VPN tunnel up';
  EOQ
}

query "auth_failed_by_user" {
  sql = <<-EOQ
    select
      coalesce(nullif(user_name, ''), '(no user)') as user_name,
      count(*) as failures
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message in ('Authentication failed', 'Admin login failed')
    group by
      1
    order by
      failures desc
    limit 15;
  EOQ
}

query "auth_events_per_hour" {
  sql = <<-EOQ
    select
      date_trunc('hour', log_time) as hour,
      message as event,
      count(*) as events
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message in ('Authentication failed', 'Admin login failed', 'Admin login successful', 'Authentication success', 'SSL VPN tunnel up', 'SSL VPN tunnel down')
    group by
      1, 2
    order by
      1, 2;
  EOQ
}

query "auth_admin_logins" {
  sql = <<-EOQ
    select
      log_time as "Time",
      user_name as "Administrator",
      host(srcip) as "From",
      device_name as "Device",
      message as "Event"
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message in ('Admin login successful', 'Admin login failed', 'Admin logout')
    order by
      log_time desc
    limit 100;
  EOQ
}

query "vpn_tunnels" {
  sql = <<-EOQ
    select
      log_time as "Time",
      user_name as "User",
      host(srcip) as "Endpoint",
      device_name as "Device",
      message as "Event"
    from
      fortianalyzer_log
    where
      log_time > now() - interval '24 hours'
      and log_type = 'event'
      and subtype in ('system', 'user', 'vpn')
      and message in ('SSL VPN tunnel up', 'SSL VPN tunnel down')
    order by
      log_time desc
    limit 100;
  EOQ
}

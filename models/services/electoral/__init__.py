"""Electoral units (选举单位) and their seats per congress term (名额分配)."""

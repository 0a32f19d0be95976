"""The organisation registers (issue 17): cadres, contact points and field visits, grass-roots
organisations and their officers, Warm Homes, townships, villages and communities."""

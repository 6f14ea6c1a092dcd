"""Services of moderation: the policy, assessments, decisions and escalation."""

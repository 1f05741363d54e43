-- Delegation and alerts. A patient's alerts are derived from data the node already keeps (audit_entry, consent_grant,
-- consent_delegation) and from the chain's deal payments, so no alert table is needed; what is needed is finding the
-- patients a caregiver or legal representative acts for (GET /accounts/me/delegations), which the primary key
-- (patient, delegate) of consent_delegation does not serve.
CREATE INDEX consent_delegation_delegate_idx ON consent_delegation (delegate, patient);

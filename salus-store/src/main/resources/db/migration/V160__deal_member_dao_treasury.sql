-- Per-DAO routing of the treasury part (issue 20, decision 0040): a cohort member of a patient data DAO that admitted
-- the deal has that DAO's treasury (its timelock, registered in DataDeals) in their leaf; the contract pays their
-- treasury part there. NULL: the deal contract's default payee (members matched before V160, members of no DAO).
ALTER TABLE deal_member ADD COLUMN dao_treasury text CHECK (dao_treasury ~ '^0x[0-9a-f]{40}$');

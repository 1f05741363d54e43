-- Self-custody (issue 21, docs/custody.md): a patient whose keys live on their device. The node keeps the address and
-- the X25519 public key only; no private key, sealed or not, may be stored for a self-custodied account.
ALTER TABLE account ADD COLUMN custody text NOT NULL DEFAULT 'AGENT' CHECK (custody IN ('AGENT', 'SELF'));
ALTER TABLE account ALTER COLUMN signing_public_key DROP NOT NULL;
ALTER TABLE account ALTER COLUMN sealed_signing_key DROP NOT NULL;
ALTER TABLE account ALTER COLUMN sealed_encryption_key DROP NOT NULL;
ALTER TABLE account ADD CONSTRAINT account_custody_keys CHECK (
    (custody = 'AGENT' AND sealed_signing_key IS NOT NULL AND sealed_encryption_key IS NOT NULL)
    OR (custody = 'SELF' AND sealed_signing_key IS NULL AND sealed_encryption_key IS NULL));

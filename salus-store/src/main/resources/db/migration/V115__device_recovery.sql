-- Guardian recovery of device-held keys (issue 21 item 5, docs/custody.md): a self-custodied patient's recovery
-- names the new device's address and X25519 public key; the node makes no key for it, so new_sealed_key is empty.
-- Exactly one of the two: a recovery towards a node-held key (agent custody) or towards a device (self custody).
ALTER TABLE recovery_request ALTER COLUMN new_sealed_key DROP NOT NULL;
ALTER TABLE recovery_request ADD COLUMN new_address text CHECK (new_address ~ '^0x[0-9a-f]{40}$');
ALTER TABLE recovery_request ADD CONSTRAINT recovery_request_one_target CHECK (
    (new_address IS NULL AND new_sealed_key IS NOT NULL) OR (new_address IS NOT NULL AND new_sealed_key IS NULL));

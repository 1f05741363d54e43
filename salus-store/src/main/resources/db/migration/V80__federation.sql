-- Federation (issue 16): a node of an alliance answers counts for consumers of other nodes, charging their
-- organisation's budget here; such a charge names the remote requester (its address and home node) instead of a local
-- account. And the nonces of signed node-to-node requests (RFC 9421), kept until the request expires, refuse replays.

ALTER TABLE privacy_charge ALTER COLUMN account DROP NOT NULL;
ALTER TABLE privacy_charge ADD COLUMN remote_requester text CHECK (length(remote_requester) BETWEEN 1 AND 200);
ALTER TABLE privacy_charge ADD CONSTRAINT privacy_charge_one_requester
    CHECK ((account IS NULL) <> (remote_requester IS NULL));

CREATE TABLE federation_nonce (
    node        text        NOT NULL CHECK (node ~ '^0x[0-9a-f]{40}$'),
    nonce       text        NOT NULL CHECK (length(nonce) BETWEEN 16 AND 64),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (node, nonce)
);
CREATE INDEX federation_nonce_expiry_idx ON federation_nonce (expires_at);

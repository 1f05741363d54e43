-- Patient data DAOs (issue 20): the DAOs this node founded (their contracts on chain, where every rule lives) and the
-- proposals made through it: their actions in text form (PolicyChanges), needed to queue and execute them.
CREATE TABLE dao (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    membership  text        NOT NULL UNIQUE,
    policy      text        NOT NULL,
    governor    text        NOT NULL,
    timelock    text        NOT NULL,
    scope       numeric(78, 0),
    created_at  timestamptz NOT NULL
);

CREATE TABLE dao_proposal (
    dao          uuid           NOT NULL REFERENCES dao (id),
    id           numeric(78, 0) NOT NULL,
    changes      text[]         NOT NULL CHECK (cardinality(changes) > 0),
    description  text           NOT NULL,
    seq          bigserial      NOT NULL,
    PRIMARY KEY (dao, id)
);

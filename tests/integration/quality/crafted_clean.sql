-- A tiny warehouse where every row keeps the rules of test_rule_kinds.py. NULLs are allowed
-- where a rule does not look at them: c2 has no parent, the second line of c1 is not closed.
CREATE TABLE parents (parent_id VARCHAR, name VARCHAR);
INSERT INTO parents VALUES ('p1', 'one'), ('p2', 'two');

CREATE TABLE children (
    child_id VARCHAR,
    line INTEGER,
    parent_id VARCHAR,
    status VARCHAR,
    amount DECIMAL(18, 2),
    lat DOUBLE,
    opened_at TIMESTAMP,
    closed_at TIMESTAMP
);
INSERT INTO children VALUES
    ('c1', 1, 'p1', 'open', 10.00, -23.5, '2018-03-01 10:00', '2018-03-02 10:00'),
    ('c1', 2, 'p2', 'closed', 0.01, -10.0, '2018-03-01 11:00', NULL),
    ('c2', 1, NULL, 'open', 99.99, 5.27, '2018-03-09 12:00', '2018-03-09 13:00');

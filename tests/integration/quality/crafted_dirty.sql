-- Two bad rows added to the clean warehouse; each breaks every rule of test_rule_kinds.py once:
-- (c1, 1) repeats a key, (NULL, 3) lacks its id; parents p9 and p8 do not exist; statuses lost
-- and weird are unknown; amounts 0.00 and -5.00, latitudes 38.7 and -40.0 are out of range;
-- both were closed before they were opened.
INSERT INTO children VALUES
    ('c1', 1, 'p9', 'lost', 0.00, 38.7, '2018-03-05 10:00', '2018-03-04 10:00'),
    (NULL, 3, 'p8', 'weird', -5.00, -40.0, '2018-03-06 10:00', '2018-03-05 10:00');

-- An erased or merged customer takes no more personal data: a write to one aborts the batch
-- (`INSERT INTO preconditions (subject, held) SELECT 'customer_live', …` first in it) and the
-- API answers 409 `customer-not-editable`. Found by a hostile pass: after an erasure, a PATCH
-- and new emails, phones and addresses were accepted and stored again, hidden from search.
CREATE TRIGGER preconditions_customer_live INSTEAD OF INSERT ON preconditions
WHEN NEW.subject = 'customer_live' AND NOT NEW.held
BEGIN
	SELECT RAISE(ABORT, 'precondition_customer_not_live');
END;

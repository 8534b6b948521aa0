-- Reassignments (moves between departments without a level increase) per case; rebuilt with the
-- other derived tables. (DuckDB cannot add a column with a constraint: the rebuild fills it.)
ALTER TABLE case_facts ADD COLUMN reassignments INTEGER DEFAULT 0;

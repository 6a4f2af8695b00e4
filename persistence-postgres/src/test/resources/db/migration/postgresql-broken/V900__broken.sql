-- A deliberately failing migration for MigrationModeTest: the table is created, then the
-- migration fails; PostgreSQL rolls the whole migration back.
CREATE TABLE half_made (id integer);
SELECT no_such_function();

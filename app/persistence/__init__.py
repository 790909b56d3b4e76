"""Database: typed SQLAlchemy models, engine set-up for SQLite and PostgreSQL, migrations, unit of work."""

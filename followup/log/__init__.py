"""The Follow-up timeline's engine: storage, records, imports and exports, next steps."""

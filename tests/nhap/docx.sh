# docx.sh - sourced by run.sh when the build reads .docx files: a .docx
# typed the way clerks type, and the round trip of every example.

//! Unit tests for the quote finder.

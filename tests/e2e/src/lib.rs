//! See `tests/`: this crate only holds end-to-end tests.

//! (stage module: see README)

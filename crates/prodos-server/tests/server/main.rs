//! prodos-server's integration tests, one binary: router tests without a socket, the
//! authorization matrix, bad input, and the OpenAPI document. Every test ends with
//! `Fixture::finish`, which runs the node's `verify()` and asserts no panic was caught.

mod accounts;
mod bad_input;
mod coordination;
mod matrix;
mod openapi;
mod page_cache;
mod pages;
mod routes;
mod support;
mod work;

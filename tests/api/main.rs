//! Black-box tests of the samenleven API, one module per area.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod access;
mod complaints;
mod consultations;
mod errors;
mod incidents;
mod limits;
mod lists;
mod openapi;
mod persistence;
mod reference;
mod retention;
mod seed;
mod service;
mod subsidies;
mod tenants;
mod webhooks;

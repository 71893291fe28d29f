//! Cursor pagination: `?limit=&cursor=`, answered with `{items, nextCursor}`. The cursor is an
//! opaque token holding the sort key of the last item; the next page is fetched with a keyset
//! condition on an indexed column, never with OFFSET.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::IntoParams;

use crate::error::ApiError;

/// Items a page holds unless `limit` says otherwise.
pub const DEFAULT_LIMIT: u32 = 50;
/// Most items a page may hold.
pub const MAX_LIMIT: u32 = 200;

/// The paging parameters of every list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Items per page, 1 to 200 (default 50).
    #[param(minimum = 1, maximum = 200)]
    pub limit: Option<u32>,
    /// The `nextCursor` of the previous page.
    pub cursor: Option<String>,
}

/// A page of a list.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// The cursor of the next page, or null on the last page.
    pub next_cursor: Option<String>,
}

impl PageParams {
    /// The page size asked for, checked.
    pub fn limit(&self) -> Result<u32, ApiError> {
        match self.limit {
            None => Ok(DEFAULT_LIMIT),
            Some(limit) if (1..=MAX_LIMIT).contains(&limit) => Ok(limit),
            Some(_) => Err(ApiError::invalid_parameter(
                "limit",
                "must be between 1 and 200",
            )),
        }
    }

    /// The sort key the cursor holds, if a cursor was sent.
    pub fn after<K: DeserializeOwned>(&self) -> Result<Option<K>, ApiError> {
        let Some(cursor) = &self.cursor else {
            return Ok(None);
        };
        URL_SAFE_NO_PAD
            .decode(cursor)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .map(Some)
            .ok_or_else(|| {
                ApiError::invalid_parameter("cursor", "is not a cursor this list gave out")
            })
    }
}

/// Cuts `rows` (fetched with `limit + 1`) to a page, with the cursor of its last item when
/// more follow.
pub fn paginate<T, K: Serialize, V>(
    mut rows: Vec<T>,
    limit: u32,
    key: impl Fn(&T) -> K,
    view: impl Fn(T) -> V,
) -> Page<V> {
    let limit = limit as usize;
    let more = rows.len() > limit;
    rows.truncate(limit);
    let next_cursor = more
        .then(|| rows.last().map(&key))
        .flatten()
        .and_then(|k| serde_json::to_vec(&k).ok())
        .map(|bytes| URL_SAFE_NO_PAD.encode(bytes));
    Page {
        items: rows.into_iter().map(view).collect(),
        next_cursor,
    }
}

/// Declares the documented schema of a page of `$item`s, named `$name` (PascalCase, as the
/// document's schema names are); the handler answers with [`Page`], which has the same shape.
#[macro_export]
macro_rules! page_schema {
    ($name:ident, $item:ty) => {
        #[doc = concat!("A page of ", stringify!($item), "s.")]
        #[derive(Debug, utoipa::ToSchema)]
        #[serde(rename_all = "camelCase")]
        #[allow(dead_code)]
        pub struct $name {
            /// The items of this page.
            items: Vec<$item>,
            /// The cursor of the next page, or null on the last page.
            next_cursor: Option<String>,
        }
    };
}

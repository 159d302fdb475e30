//! The pieces of reading order that the digest and the folding of versions
//! share: a leaf, so neither imports the other for them.

use std::cmp::Ordering;

use crate::enrich::Article;

/// An article's source path as bytes: a total order that is much cheaper
/// to compare than `Path`'s component by component one.
pub(super) fn path_bytes(article: &Article) -> &[u8] {
    article.source_path.as_os_str().as_encoded_bytes()
}

/// `Some` values first, in order, then `None`.
pub(super) fn cmp_option_first<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
    match (a, b) {
        (Some(a), Some(b)) => a.cmp(&b),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
}

//! Typed ids into the digest's tables, and the tables they index.
//!
//! The digest keeps four tables (articles, editions, tags, entities) and
//! several per-article lists beside them. Each table is a [`Table`] indexed
//! by its own id type, so an article's position cannot be used to look up a
//! tag, nor a tag's to look up an entity: mixing them does not compile. A
//! leaf: it imports nothing.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

/// An id into one of the digest's tables: a position, typed by the table.
pub trait Id: Copy {
    /// The id of position `index`.
    fn new(index: usize) -> Self;
    /// The position this id names.
    fn index(self) -> usize;
}

macro_rules! ids {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(usize);

        impl Id for $name {
            fn new(index: usize) -> $name {
                $name(index)
            }

            fn index(self) -> usize {
                self.0
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }
    )*};
}

ids! {
    /// An article: its position in reading order.
    ArticleId;
    /// An edition: its position, newest first.
    EditionId;
    /// A tag: its position in slug order.
    TagId;
    /// A person, place or organisation: its position by kind, then slug.
    EntityId;
    /// A version folded into another story: its position, by that story
    /// in reading order.
    VersionId;
}

/// A list indexed by an id type `I` instead of `usize`.
#[derive(Clone, PartialEq, Eq)]
pub struct Table<I, T> {
    items: Vec<T>,
    id: PhantomData<fn(I) -> I>,
}

impl<I: Id, T> Table<I, T> {
    /// The number of entries.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is no entry.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The entry of `id`, if there is one.
    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    /// Every entry, in order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Every id, in order.
    pub fn ids(&self) -> impl DoubleEndedIterator<Item = I> + ExactSizeIterator + use<I, T> {
        (0..self.items.len()).map(I::new)
    }

    /// Every entry with its id, in order.
    pub fn enumerate(&self) -> impl DoubleEndedIterator<Item = (I, &T)> {
        self.items.iter().enumerate().map(|(i, t)| (I::new(i), t))
    }

    /// The entries as a plain slice, for code that only iterates.
    pub fn as_slice(&self) -> &[T] {
        &self.items
    }
}

impl<I, T> Default for Table<I, T> {
    fn default() -> Self {
        Table {
            items: Vec::new(),
            id: PhantomData,
        }
    }
}

impl<I, T: fmt::Debug> fmt::Debug for Table<I, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.items.fmt(f)
    }
}

impl<I, T> From<Vec<T>> for Table<I, T> {
    fn from(items: Vec<T>) -> Self {
        Table {
            items,
            id: PhantomData,
        }
    }
}

impl<I, T> FromIterator<T> for Table<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(items: It) -> Self {
        Table::from(items.into_iter().collect::<Vec<T>>())
    }
}

impl<'a, I, T> IntoIterator for &'a Table<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<I: Id, T> Index<I> for Table<I, T> {
    type Output = T;

    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Id, T> IndexMut<I> for Table<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_is_indexed_by_its_own_ids() {
        let tags: Table<TagId, &str> = vec!["a", "b"].into();
        assert_eq!(tags[TagId::new(1)], "b");
        assert_eq!(tags.get(TagId::new(2)), None);
        assert_eq!(tags.ids().map(Id::index).collect::<Vec<_>>(), vec![0, 1]);
        let (id, last) = tags.enumerate().last().unwrap();
        assert_eq!((id, *last), (TagId::new(1), "b"));
        assert_eq!(format!("{id:?}"), "TagId(1)");
    }
}

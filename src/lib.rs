//! briefing: a static site generator for news briefing digests.
//!
//! A folder of articles goes in; a linked, accessible HTML digest comes out.
//! The build is a pipeline of stages, each a module with one job and a plain
//! data type in and out:
//!
//! ```text
//! site.toml ─► config ─► discover ─► article ─► enrich ─► digest ─► render ─► output
//! ```
//!
//! [`pipeline::build`] runs them in order; [`cli`] is the command line.
//! `ARCHITECTURE.md` at the repository root is the map.

// The stages, in pipeline order.
pub mod config; //    site.toml + entities.toml → Config
pub mod discover; //  seeds/ → SourceFile list (the only walkdir user)
pub mod article; //   SourceFile → ParsedArticle (text, Markdown, front matter)
pub mod enrich; //    ParsedArticle → Article (title, date, slug, entities, quotes, figures)
pub mod history; //   undated articles dated by when their files entered git (the only git caller)
pub mod digest; //    Article list → Digest (order, editions, tags, corpus pass, related)
pub mod render; //    Digest → RenderedPage (the only tera user)
pub mod output; //    pages → output folder (staging + atomic swap)

// What drives them.
pub mod cache; //       build --cache: each article's result kept between builds
pub mod pipeline; //    runs the stages in order, rayon over articles and pages
pub mod incremental; // keeps a build's results; rebuilds only what a change needs
pub mod watch; //       notify debouncer + pure classifier → ChangeSet
pub mod serve; //       preview server (the only async code)
pub mod assets; //     static files and files beside stories → the output
pub mod standalone; // pages/ → the site's standalone pages (About, corrections)
pub mod story_files; // the files published beside a story's page
pub mod check; //       verifies a built site's links, anchors, feeds and sitemap
pub mod cli; //         the command line: arguments, printing, exit codes

// Leaf helpers any stage may use.
pub mod error; // Error (fatal) and Diagnostic (per input)
pub mod fs; //    every std::fs call, with the path in every error
pub mod html; //  HTML escaping
pub mod slug; //  text → URL slugs and ids
pub mod timings; // where a build's time goes (build --timings)
pub mod urls; //  routes and URLs of every output file

// Entry points for the fuzz targets in fuzz/.
#[doc(hidden)]
pub mod fuzz;

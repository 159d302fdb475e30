//! `briefing email`: an edition's email on stdout, for a mailer.
//!
//! Reads and assembles the site as a build does, then renders the one
//! email asked for (the latest edition's, or `--edition DATE`'s) without
//! writing an output folder. Article diagnostics go to stderr and make the
//! exit status 1, as in `build`; the email of the stories that built is
//! printed all the same.

use std::io::Write;
use std::process::ExitCode;

use jiff::civil::Date;

use super::args::{EmailArgs, build_instant};
use super::print::Printer;
use crate::digest::ids::{EditionId, Id};
use crate::discover;
use crate::error::Error;
use crate::pipeline::{self, BuildOptions};
use crate::render::{EditionFile, Job};

pub(super) fn email(args: &EmailArgs) -> ExitCode {
    let printer = Printer::new(&args.site.root);
    match render(args, &printer) {
        Ok((bytes, had_errors)) => {
            let mut out = std::io::stdout().lock();
            if out.write_all(&bytes).and_then(|()| out.flush()).is_err() {
                return ExitCode::from(1);
            }
            if had_errors {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(Failure::Fatal(e)) => printer.fail(&e),
        Err(Failure::NoEdition(why)) => {
            eprintln!("error: {why}");
            ExitCode::from(1)
        }
    }
}

/// Why no email was printed.
enum Failure {
    /// The site could not be read (configuration, templates, I/O).
    Fatal(Error),
    /// The site has no edition, or not the one asked for.
    NoEdition(String),
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Fatal(e)
    }
}

/// The email's bytes, and whether any article had an error.
fn render(args: &EmailArgs, printer: &Printer) -> Result<(Vec<u8>, bool), Failure> {
    let now = build_instant()?;
    let options = BuildOptions {
        base_url: args.base_url.clone(),
        drafts: args.site.drafts,
        future: args.site.future,
        ..BuildOptions::new(args.site.root.clone(), now)
    };
    let config = pipeline::load_config(&options)?;
    let (templates, template_diagnostics) = pipeline::load_templates(&config)?;
    let discovery = discover::discover(&config.root, &config.seeds_dir())?;
    let mut diagnostics = discovery.diagnostics;
    diagnostics.extend(template_diagnostics);
    let loaded = pipeline::load_all(&config, &options, discovery.files);
    let good = loaded
        .iter()
        .filter_map(|l| l.result.as_ref().ok().cloned());
    diagnostics.extend(
        loaded
            .iter()
            .filter_map(|l| l.result.as_ref().err().cloned()),
    );
    let (digest, more) = pipeline::assemble(good, &config, &options);
    diagnostics.extend(more);
    diagnostics.sort();
    printer.diagnostics(&diagnostics);
    let edition = pick(
        &digest.editions.iter().map(|e| e.date).collect::<Vec<_>>(),
        args.edition,
    )
    .map_err(Failure::NoEdition)?;
    let renderer = pipeline::make_renderer(&config, templates, &options);
    let file = if args.text {
        EditionFile::EmailText(edition)
    } else {
        EditionFile::Email(edition)
    };
    let page = renderer.render(&digest, Job::Edition(file))?;
    Ok((page.bytes, diagnostics.iter().any(|d| d.is_error())))
}

/// The edition dated `wanted` among `dates` (newest first), or the newest.
fn pick(dates: &[Date], wanted: Option<Date>) -> Result<EditionId, String> {
    match wanted {
        None if dates.is_empty() => Err("the site has no edition yet: add articles to seeds/".into()),
        None => Ok(EditionId::new(0)),
        Some(date) => dates.iter().position(|&d| d == date).map(EditionId::new).ok_or_else(|| {
            let newest = dates.first().map_or("none".to_string(), |d| d.to_string());
            format!("no edition of {date} (the latest is {newest}; `briefing build` lists them under editions/)")
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_latest_edition_unless_one_is_named() {
        let dates = [
            jiff::civil::date(2025, 7, 12),
            jiff::civil::date(2025, 7, 10),
        ];
        assert_eq!(pick(&dates, None), Ok(EditionId::new(0)));
        assert_eq!(pick(&dates, Some(dates[1])), Ok(EditionId::new(1)));
        let missing = pick(&dates, Some(jiff::civil::date(2025, 7, 11))).unwrap_err();
        assert!(missing.contains("no edition of 2025-07-11") && missing.contains("2025-07-12"));
        assert!(pick(&[], None).is_err());
    }
}

//! Reading a CSV file someone else wrote (the HMS, a card provider, the bank): the header row
//! is checked against the columns the format names, every row keeps its line number, and any
//! problem is a [`FileError`] that says the file, the line and the reason in words.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;

use crate::error::Error;
use crate::money;

/// The most data rows one file may carry: a large landlord's whole stock is well under this,
/// and a file past it is more likely the wrong file than a bigger landlord.
pub const FILE_ROWS_MAX: usize = 1_000_000;
/// The largest file read, for the same reason.
pub const FILE_BYTES_MAX: u64 = 512 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum FileError {
    /// Something about the file as a whole (unreadable, a bad header row).
    #[error("{file}: {reason}")]
    File { file: String, reason: String },
    /// One row; `line` is 1-based with the header row as line 1.
    #[error("{file}:{line}: {reason}")]
    Row {
        file: String,
        line: u64,
        reason: String,
    },
    #[error(transparent)]
    Database(#[from] Error),
}

impl From<sqlx::Error> for FileError {
    fn from(error: sqlx::Error) -> FileError {
        FileError::Database(Error::from(error))
    }
}

impl FileError {
    /// The line a row error is about, if it is about one.
    pub fn line(&self) -> Option<u64> {
        match self {
            FileError::Row { line, .. } => Some(*line),
            _ => None,
        }
    }
}

/// The columns of one format: those every file must have and those it may have.
pub struct Columns {
    pub required: &'static [&'static str],
    pub optional: &'static [&'static str],
}

/// A file's rows, read and checked against its format's header, not yet interpreted.
pub struct CsvTable {
    pub file: String,
    index: HashMap<String, usize>,
    pub rows: Vec<CsvRow>,
}

pub struct CsvRow {
    pub line: u64,
    cells: Vec<String>,
}

/// Reads the whole file. A missing or unknown column is an error naming it, so a renamed
/// column in a new HMS release stops the import instead of quietly emptying a field.
pub fn read(path: &Path, columns: &Columns) -> Result<CsvTable, FileError> {
    let file = path.display().to_string();
    let file_error = |reason: String| FileError::File {
        file: file.clone(),
        reason,
    };
    let size = std::fs::metadata(path)
        .map_err(|error| file_error(format!("cannot read the file: {error}")))?
        .len();
    if size > FILE_BYTES_MAX {
        return Err(file_error(format!(
            "the file is {size} bytes; the most head office reads is {FILE_BYTES_MAX}"
        )));
    }
    let bytes = std::fs::read(path)
        .map_err(|error| file_error(format!("cannot read the file: {error}")))?;
    // Spreadsheet programs put a byte-order mark before the first header; it is not part of
    // the column's name.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|error| file_error(csv_reason(&error)))?
        .clone();
    let index = check_header(&headers, columns).map_err(file_error)?;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| FileError::Row {
            file: file.clone(),
            line: error.position().map(|at| at.line()).unwrap_or(0),
            reason: csv_reason(&error),
        })?;
        if rows.len() == FILE_ROWS_MAX {
            return Err(file_error(format!(
                "the file has more than {FILE_ROWS_MAX} rows; split it"
            )));
        }
        let line = record.position().map(|at| at.line()).unwrap_or(0);
        // A row of nothing but commas is a spreadsheet's idea of an empty line.
        if record.iter().all(str::is_empty) {
            continue;
        }
        rows.push(CsvRow {
            line,
            cells: record.iter().map(str::to_string).collect(),
        });
    }
    Ok(CsvTable { file, index, rows })
}

fn check_header(
    headers: &csv::StringRecord,
    columns: &Columns,
) -> Result<HashMap<String, usize>, String> {
    let mut index = HashMap::new();
    let mut unknown = Vec::new();
    for (position, name) in headers.iter().enumerate() {
        let name = name.to_lowercase();
        if !columns.required.contains(&name.as_str()) && !columns.optional.contains(&name.as_str())
        {
            unknown.push(name);
        } else if index.insert(name.clone(), position).is_some() {
            return Err(format!("the header row names column {name} twice"));
        }
    }
    let missing: Vec<&str> = columns
        .required
        .iter()
        .copied()
        .filter(|name| !index.contains_key(*name))
        .collect();
    if missing.is_empty() && unknown.is_empty() {
        return Ok(index);
    }
    let mut problems = Vec::new();
    if !missing.is_empty() {
        problems.push(format!(
            "the header row is missing column(s) {}",
            missing.join(", ")
        ));
    }
    if !unknown.is_empty() {
        problems.push(format!(
            "the header row has unknown column(s) {} (known: {})",
            unknown.join(", "),
            columns
                .required
                .iter()
                .chain(columns.optional)
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    Err(problems.join("; "))
}

fn csv_reason(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("the row has {len} cells but the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => {
            "the text is not UTF-8: save the file as CSV UTF-8".to_string()
        }
        _ => format!("the file cannot be read as CSV: {error}"),
    }
}

impl CsvTable {
    /// An error about one row of this file.
    pub fn row_error(&self, line: u64, reason: impl Into<String>) -> FileError {
        FileError::Row {
            file: self.file.clone(),
            line,
            reason: reason.into(),
        }
    }

    /// A row's cell in a named column, or "" when the column is optional and absent.
    pub fn cell<'row>(&self, row: &'row CsvRow, column: &str) -> &'row str {
        self.index
            .get(column)
            .and_then(|position| row.cells.get(*position))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// A cell that must not be empty.
    pub fn text(&self, row: &CsvRow, column: &str) -> Result<String, FileError> {
        let cell = self.cell(row, column);
        if cell.is_empty() {
            return Err(self.row_error(row.line, format!("{column} is empty")));
        }
        Ok(cell.to_string())
    }

    /// A cell that may be empty (None).
    pub fn optional_text(&self, row: &CsvRow, column: &str) -> Option<String> {
        Some(self.cell(row, column))
            .filter(|cell| !cell.is_empty())
            .map(str::to_string)
    }

    pub fn date(&self, row: &CsvRow, column: &str) -> Result<NaiveDate, FileError> {
        let cell = self.text(row, column)?;
        parse_date(&cell).map_err(|reason| self.row_error(row.line, format!("{column}: {reason}")))
    }

    pub fn optional_date(
        &self,
        row: &CsvRow,
        column: &str,
    ) -> Result<Option<NaiveDate>, FileError> {
        self.optional_text(row, column)
            .map(|cell| {
                parse_date(&cell)
                    .map_err(|reason| self.row_error(row.line, format!("{column}: {reason}")))
            })
            .transpose()
    }

    pub fn pence(&self, row: &CsvRow, column: &str) -> Result<i64, FileError> {
        let cell = self.text(row, column)?;
        money::parse_pounds(&cell)
            .map_err(|reason| self.row_error(row.line, format!("{column}: {reason}")))
    }

    /// One of a fixed list of words, compared as written.
    pub fn one_of(
        &self,
        row: &CsvRow,
        column: &str,
        allowed: &[&str],
    ) -> Result<String, FileError> {
        let cell = self.text(row, column)?;
        if !allowed.contains(&cell.as_str()) {
            return Err(self.row_error(
                row.line,
                format!("{column} \"{cell}\" is not one of {}", allowed.join(", ")),
            ));
        }
        Ok(cell)
    }
}

/// Strictly `YYYY-MM-DD`: `03/04/2026` is the 3rd of April to some and the 4th of March to
/// others, so it is refused rather than guessed.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let shaped = text.len() == 10
        && text
            .bytes()
            .enumerate()
            .all(|(position, byte)| match position {
                4 | 7 => byte == b'-',
                _ => byte.is_ascii_digit(),
            });
    if !shaped {
        return Err(format!("\"{text}\" is not a date written YYYY-MM-DD"));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| format!("\"{text}\" is not a date on the calendar"))
}

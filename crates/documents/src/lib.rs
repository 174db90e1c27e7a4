//! The officer's PDFs: rent statements and letters. (Being built.)

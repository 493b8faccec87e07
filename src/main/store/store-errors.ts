import { basename } from 'node:path'

/** The store's file cannot be used as it is; the message tells the trader what happened and what to do. */
export class StoreFileError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(message)
    this.name = 'StoreFileError'
  }
}

/** The file is not an SQLite database, or SQLite found damaged pages in it. */
export class StoreDamagedError extends StoreFileError {
  constructor(
    file: string,
    readonly detail: string,
  ) {
    const name = basename(file)
    super(
      file,
      `The Quorum data file ${file} is damaged (${detail}). Quorum has not modified it. ` +
        `Quit Quorum, move ${name} (and any ${name}-wal and ${name}-shm beside it) to another folder or restore it from a backup, ` +
        'then restart Quorum to get a fresh, empty store.',
    )
    this.name = 'StoreDamagedError'
  }
}

/** The file's schema is newer than this build understands: a newer Quorum wrote it. */
export class StoreFromNewerVersionError extends StoreFileError {
  constructor(
    file: string,
    readonly foundVersion: number,
    readonly knownVersion: number,
  ) {
    super(
      file,
      `The Quorum data file ${file} was written by a newer version of Quorum (schema version ${foundVersion}; ` +
        `this version understands up to ${knownVersion}). Quorum has not modified it. ` +
        'Run the newer Quorum again, or move the file to another folder and restart to get a fresh, empty store.',
    )
    this.name = 'StoreFromNewerVersionError'
  }
}

/** A valid SQLite file that Quorum did not create; migrating it would mix our tables into someone else's data. */
export class StoreNotQuorumError extends StoreFileError {
  constructor(file: string) {
    super(
      file,
      `The file ${file} is an SQLite database that Quorum did not create. Quorum has not modified it. ` +
        'Point Quorum at another data folder, or move the file away and restart to get a fresh, empty store.',
    )
    this.name = 'StoreNotQuorumError'
  }
}

/** Bars handed to the store break its rules (lengths, ordering); nothing was written. */
export class BarValidationError extends Error {
  constructor(
    message: string,
    readonly index: number | null,
  ) {
    super(message)
    this.name = 'BarValidationError'
  }
}

import type { CpmoveArchiveResolvers } from '../generated/graphql.js';

export const CpmoveArchive: CpmoveArchiveResolvers = {
  file: (archive) => archive.file,
  path: (archive) => archive.path,
  fullPath: (archive) => `${archive.path.replace(/\/+$/, '')}/${archive.file}`,
  user: (archive) => archive.user,
};

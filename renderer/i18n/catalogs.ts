import enCore from './en.json';
import zhCore from './zh-CN.json';
import enContainers from './catalogs/containers.en.json';
import zhContainers from './catalogs/containers.zh-CN.json';
import enFiles from './catalogs/files.en.json';
import zhFiles from './catalogs/files.zh-CN.json';
import enImport from './catalogs/import.en.json';
import zhImport from './catalogs/import.zh-CN.json';
import enProblems from './catalogs/problems.en.json';
import zhProblems from './catalogs/problems.zh-CN.json';
import enInsight from './catalogs/insight.en.json';
import zhInsight from './catalogs/insight.zh-CN.json';
import enDisk from './catalogs/disk.en.json';
import zhDisk from './catalogs/disk.zh-CN.json';
import enSharing from './catalogs/sharing.en.json';
import zhSharing from './catalogs/sharing.zh-CN.json';
import enRegistries from './catalogs/registries.en.json';
import zhRegistries from './catalogs/registries.zh-CN.json';
import enTasks from './catalogs/tasks.en.json';
import zhTasks from './catalogs/tasks.zh-CN.json';

/**
 * One catalog per language, assembled from a core file and one file per feature (each with its own
 * top-level key), so features can grow their messages without touching each other's files.
 */
export const en = { ...enCore, ...enTasks, ...enFiles, ...enImport, ...enContainers, ...enProblems, ...enInsight, ...enDisk, ...enSharing, ...enRegistries };
export const zhCN = { ...zhCore, ...zhTasks, ...zhFiles, ...zhImport, ...zhContainers, ...zhProblems, ...zhInsight, ...zhDisk, ...zhSharing, ...zhRegistries };

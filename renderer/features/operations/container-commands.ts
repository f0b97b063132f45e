import { shellQuote } from '../images/docker-commands';

/** The container commands the Containers section teaches; by name, as users type them. */
export const containerRemoveCommand = (name: string) => `docker rm ${shellQuote(name)}`;
export const containerStopCommand = (name: string) => `docker stop ${shellQuote(name)}`;
export const containerStartCommand = (name: string) => `docker start ${shellQuote(name)}`;
/**
 * The nearest CLI listing. Not exact: `ancestor=` also matches containers of images built on this
 * one, which is why the section lists by image ID itself and shows this only as a pointer.
 */
export const ancestorListCommand = (ref: string) => `docker ps -a --filter ${shellQuote(`ancestor=${ref}`)}`;

/** The nginx binary (NGINX_BIN or Debian's), or undefined when none is installed. */
export function findNginx(): string | undefined;

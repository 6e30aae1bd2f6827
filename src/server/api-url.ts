/** Whether a URL is the API's (JSON, problems, STIX, TAXII) rather than the web app's or the docs'. */
export function isApiUrl(url: string): boolean {
  return url.startsWith('/api/') || url.startsWith('/taxii2');
}

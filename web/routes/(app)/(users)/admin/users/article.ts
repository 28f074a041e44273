/** "a" or "an" before a role name: "an admin", "a manager". */
export function article(word: string): 'a' | 'an' {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

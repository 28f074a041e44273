// A small table of common English given-name nicknames. No npm package fits: the
// maintained ones are random-nickname generators; the name lists that exist (e.g. the
// carltonnorthern CSV) are data files without a package. Each group lists the formal
// name first; a name may sit in several groups (Chris: Christopher, Christine).
const GROUPS: readonly (readonly string[])[] = [
	['robert', 'bob', 'bobby', 'rob', 'robbie', 'bert'],
	['william', 'bill', 'billy', 'will', 'willy', 'liam'],
	['elizabeth', 'liz', 'lizzie', 'beth', 'betty', 'betsy', 'eliza', 'libby', 'elisabeth'],
	['richard', 'rick', 'ricky', 'dick', 'rich', 'richie'],
	['james', 'jim', 'jimmy', 'jamie'],
	['john', 'jack', 'johnny', 'jon'],
	['jonathan', 'jon', 'jonny', 'nathan'],
	['michael', 'mike', 'mikey', 'mick', 'mickey'],
	['thomas', 'tom', 'tommy'],
	['joseph', 'joe', 'joey'],
	['charles', 'charlie', 'chuck', 'chas'],
	['christopher', 'chris', 'kit'],
	['christine', 'chris', 'chrissy', 'tina'],
	['daniel', 'dan', 'danny'],
	['matthew', 'matt'],
	['anthony', 'tony'],
	['andrew', 'andy', 'drew'],
	['edward', 'ed', 'eddie', 'ted', 'ned'],
	['steven', 'steve', 'stephen'],
	['timothy', 'tim', 'timmy'],
	['benjamin', 'ben', 'benny'],
	['samuel', 'sam', 'sammy'],
	['samantha', 'sam', 'sammy'],
	['alexander', 'alex', 'sandy', 'xander'],
	['alexandra', 'alex', 'sandra', 'sandy', 'lexi'],
	['patrick', 'pat', 'paddy'],
	['patricia', 'pat', 'patty', 'trish'],
	['nicholas', 'nick', 'nicky'],
	['gregory', 'greg'],
	['peter', 'pete'],
	['david', 'dave', 'davy'],
	['henry', 'harry', 'hank'],
	['frederick', 'fred', 'freddie'],
	['albert', 'al', 'bert'],
	['alfred', 'alf', 'al', 'alfie'],
	['lawrence', 'larry', 'laurence'],
	['leonard', 'leo', 'len', 'lenny'],
	['donald', 'don', 'donnie'],
	['ronald', 'ron', 'ronnie'],
	['kenneth', 'ken', 'kenny'],
	['gerald', 'gerry', 'jerry'],
	['raymond', 'ray'],
	['philip', 'phil', 'phillip'],
	['douglas', 'doug'],
	['jennifer', 'jen', 'jenny'],
	['margaret', 'maggie', 'meg', 'peggy', 'margie', 'greta'],
	['katherine', 'kate', 'katie', 'kathy', 'kat', 'catherine', 'kathryn', 'cathy'],
	['susan', 'sue', 'susie', 'suzanne'],
	['deborah', 'debbie', 'deb', 'debra'],
	['rebecca', 'becky', 'becca'],
	['victoria', 'vicky', 'tori'],
	['jessica', 'jess', 'jessie'],
	['abigail', 'abby', 'gail'],
	['dorothy', 'dot', 'dottie', 'dolly'],
	['barbara', 'barb', 'babs'],
	['judith', 'judy'],
	['kimberly', 'kim'],
	['pamela', 'pam'],
	['cynthia', 'cindy'],
	['theresa', 'terry', 'tessa', 'tess', 'teresa'],
	['josephine', 'jo', 'josie'],
	['eleanor', 'ellie', 'nora', 'nell', 'elle'],
	['helen', 'nell', 'ellie'],
	['isabel', 'izzy', 'bella', 'isabella'],
	['caroline', 'carrie', 'carol'],
	['frances', 'fran', 'fanny'],
	['francis', 'frank', 'fran'],
	['mary', 'molly', 'polly', 'mae'],
	['ann', 'anne', 'anna', 'annie', 'nancy', 'hannah'],
	['susanna', 'sue', 'susie'],
	['zachary', 'zach', 'zack'],
	['nathaniel', 'nate', 'nat'],
	['joshua', 'josh'],
	['jacob', 'jake'],
	['vincent', 'vince', 'vinny'],
	['walter', 'walt', 'wally'],
	['harold', 'harry', 'hal']
];

const groupsByName = new Map<string, number[]>();
GROUPS.forEach((names, group) => {
	for (const name of names) groupsByName.set(name, [...(groupsByName.get(name) ?? []), group]);
});

/** Whether two folded given names are one another's nickname (or both nicknames of one name). */
export function areNicknames(a: string, b: string): boolean {
	if (a === b) return false;
	const ga = groupsByName.get(a);
	const gb = groupsByName.get(b);
	return !!ga && !!gb && ga.some((g) => gb.includes(g));
}

/**
 * The formal name a folded given name stands for (the first group's), used as a blocking
 * key so Bob and Robert land in one block. A name in no group stands for itself.
 */
export function formalName(name: string): string {
	const groups = groupsByName.get(name);
	return groups ? GROUPS[groups[0]!]![0]! : name;
}

/** Category ids and their names on the shelf. Operators may add others; unknown ids show as they are. */
export const CATEGORY_NAMES: Record<string, string> = {
  fruit: '当季鲜果',
  imported: '进口水果',
  dairy: '鲜奶乳品',
  yogurt: '酸奶奶酪',
  veg: '新鲜蔬菜',
  gift: '礼盒精选',
  flash: '每日小抢购',
};

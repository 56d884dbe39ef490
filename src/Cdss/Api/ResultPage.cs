using System.Collections.Generic;

namespace Cdss.Api
{
    /// <summary>One page of a paged CDSS listing: its items and the paging fields the service sent.</summary>
    internal sealed class ResultPage<T>
    {
        public ResultPage(IReadOnlyList<T> items, int currentPage, int totalPage, bool isLast)
        {
            Items = items;
            CurrentPage = currentPage;
            TotalPage = totalPage;
            IsLast = isLast;
        }

        public IReadOnlyList<T> Items { get; }
        public int CurrentPage { get; }

        /// <summary>0 when the service did not say.</summary>
        public int TotalPage { get; }

        public bool IsLast { get; }
    }
}
